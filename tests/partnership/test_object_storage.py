"""Uploaded documents in S3-compatible object storage, as several app servers share them: uploaded through a real
page, downloaded only through the access-checked view, and never readable from the bucket without credentials.

The S3 server is moto's, started here on a free port of this machine; the settings come from the same
environment variables an operator sets (`bscp_portal.settings.base.private_storage_settings`).
"""

import urllib.error
import urllib.request

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer

from boards.models import Paper
from bscp_portal.settings.base import private_storage_settings
from partnership.roles import Role
from tests.boards.factories import PDF, MeetingPastFactory, MembershipFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
BUCKET = "bscp-private-documents"
REGION = "eu-west-2"


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, monkeypatch, settings):
    """A private bucket, and the portal's `private` storage pointed at it through the environment."""
    environment = {"PRIVATE_STORAGE_BUCKET": BUCKET, "AWS_S3_ENDPOINT_URL": s3_endpoint, "AWS_S3_REGION_NAME": REGION,
                   "AWS_S3_ADDRESSING_STYLE": "path", "AWS_ACCESS_KEY_ID": "portal-key",
                   "AWS_SECRET_ACCESS_KEY": "portal-secret"}  # fmt: skip
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION,
                          aws_access_key_id="portal-key", aws_secret_access_key="portal-secret")  # fmt: skip
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.STORAGES = {**settings.STORAGES, "private": private_storage_settings()}
    yield client
    for found in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=found["Key"])
    client.delete_bucket(Bucket=BUCKET)


def anonymous_get(url: str) -> int:
    """The status a browser without credentials gets for `url`."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (a local test server)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_paper_goes_to_the_bucket_and_comes_back_only_through_the_access_check(client, sign_in, manager, bucket):
    meeting = MeetingPastFactory()
    member = UserFactory(roles=[Role.REVIEW_GROUP_MEMBER])
    MembershipFactory(board=meeting.board, user=member, organisation=member.organisation)
    upload = SimpleUploadedFile("findings.pdf", PDF, content_type="application/pdf")
    sign_in(manager).post(
        reverse("boards-meeting-manage", args=[meeting.pk]),
        {"action": "paper", "paper-title": "Findings", "paper-file": upload},
    )
    paper = Paper.objects.get(meeting=meeting)
    stored = bucket.get_object(Bucket=BUCKET, Key=paper.file.name)["Body"].read()
    assert stored == PDF, "the file is in the bucket, under the name the record keeps"

    url = reverse("board-paper-file", args=[paper.pk])
    sign_in(member)
    response = client.get(url)
    assert response.status_code == 200 and response.streaming
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="Findings.pdf"'

    sign_in(UserFactory())
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).url.startswith(reverse("login"))


def test_the_bucket_gives_nothing_to_anyone_without_credentials(bucket, s3_endpoint):
    paper = Paper.objects.create(
        meeting=MeetingPastFactory(), title="Minutes", file=SimpleUploadedFile("minutes.pdf", PDF)
    )
    assert anonymous_get(f"{s3_endpoint}/{BUCKET}/{paper.file.name}") == 403
    # The same request reaches a file someone made public, so the 403 above is the object's privacy speaking.
    bucket.put_object(Bucket=BUCKET, Key="public.txt", Body=b"public", ACL="public-read")
    assert anonymous_get(f"{s3_endpoint}/{BUCKET}/public.txt") == 200


def test_a_second_upload_with_the_same_name_never_replaces_the_first(bucket):
    meeting = MeetingPastFactory()
    first, second = (
        Paper.objects.create(meeting=meeting, title=title, file=SimpleUploadedFile("paper.pdf", PDF + title.encode()))
        for title in ("First", "Second")
    )
    assert first.file.name != second.file.name
    with first.file.open("rb") as handle:
        assert handle.read().endswith(b"First")
