from django.apps import AppConfig

from partnership.roles import Role
from reviews.permissions import (
    MANAGE_CASE,
    READ_CASE,
    REPORT_ACTION_PROGRESS,
    SIGN_OFF_RAPID_REVIEW,
    VIEW_CHILD_IDENTITY,
)


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Serious incidents"
    role_permissions = {
        Role.PARTNERSHIP_MANAGER: {READ_CASE, MANAGE_CASE, VIEW_CHILD_IDENTITY},
        Role.REVIEW_GROUP_MEMBER: {READ_CASE},
        Role.STATUTORY_PARTNER_REPRESENTATIVE: {READ_CASE, SIGN_OFF_RAPID_REVIEW},
        Role.AGENCY_USER: {REPORT_ACTION_PROGRESS},
    }
    navigation = [
        ("Serious incidents", "reviews:case-list", READ_CASE),
        ("Actions", "reviews:action-list", REPORT_ACTION_PROGRESS),
    ]
    my_work_panel = "reviews.selectors.my_work_panel"
    openable_subjects = "reviews.selectors.openable_subjects"
    annual_report_figures = "reviews.annual_report.annual_report_figures"
    theme_appearances = "reviews.themes.appearances"
    theme_open_actions = "reviews.themes.open_actions"
    demo_loader = "reviews.demo.load"
    scale_data_loader = "reviews.scale.load"
