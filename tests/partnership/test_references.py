"""The one reference scheme: prefix, year, a number in sequence, without gaps or duplicates under concurrency."""

import threading

import pytest
from django.db import close_old_connections, connection, transaction

from partnership.models import Organisation, ReferenceCounter
from partnership.references import next_reference


@pytest.mark.django_db
def test_numbers_follow_on_within_a_kind_and_year_and_start_again_each_year():
    with transaction.atomic():
        first = next_reference(Organisation, "SI", 2026, field="name")
        second = next_reference(Organisation, "SI", 2026, field="name")
        other_kind = next_reference(Organisation, "CDOP", 2026, field="name")
        next_year = next_reference(Organisation, "SI", 2027, field="name")
    assert (first, second, other_kind, next_year) == ("SI-2026-001", "SI-2026-002", "CDOP-2026-001", "SI-2027-001")


@pytest.mark.django_db
def test_the_first_number_of_a_year_follows_references_made_before_the_counter():
    Organisation.objects.create(name="SI-2026-041", type=Organisation.Type.OTHER)
    with transaction.atomic():
        assert next_reference(Organisation, "SI", 2026, field="name") == "SI-2026-042"


@pytest.mark.django_db
def test_a_number_given_in_a_transaction_that_rolls_back_is_given_again():
    with transaction.atomic():
        next_reference(Organisation, "SI", 2026, field="name")
    with pytest.raises(RuntimeError), transaction.atomic():
        next_reference(Organisation, "SI", 2026, field="name")
        raise RuntimeError("the case was not saved")
    with transaction.atomic():
        assert next_reference(Organisation, "SI", 2026, field="name") == "SI-2026-002"


@pytest.mark.django_db(transaction=True)
def test_a_reference_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        next_reference(Organisation, "SI", 2026, field="name")


@pytest.mark.django_db(transaction=True)
def test_eight_people_at_once_get_eight_different_numbers_with_no_gap():
    given, barrier = [], threading.Barrier(8)

    def allocate():
        try:
            barrier.wait()
            with transaction.atomic():
                given.append(next_reference(Organisation, "BRD", 2026, field="name"))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=allocate) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(given) == [f"BRD-2026-{number:03d}" for number in range(1, 9)]
    assert ReferenceCounter.objects.get(prefix="BRD", year=2026).last == 8
