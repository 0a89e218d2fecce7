from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Case, Decision, FollowUp, Meeting, PlanLink, Policymaker


@admin.register(Policymaker)
class PolicymakerAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "name_sv", "kind", "ahjo_id"]
    list_filter = ["kind"]
    search_fields = ["name_fi", "name_sv"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["diary_number", "title", "classification_code"]
    search_fields = ["diary_number", "title"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["policymaker", "date", "number"]
    list_select_related = ["policymaker"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "policymaker", "meeting_date", "decision_type", "visibility"]
    list_filter = ["decision_type", "language", "visibility", "kind"]
    list_select_related = ["policymaker"]
    search_fields = ["title", "diary_number"]
    readonly_fields = ["identity_key", "source_sha256", "parsed"]
    raw_id_fields = ["case", "meeting", "policymaker", "unit"]


@admin.register(PlanLink)
class PlanLinkAdmin(SimpleHistoryAdmin):
    list_display = ["decision", "target", "status", "score"]
    list_filter = ["status"]
    raw_id_fields = ["decision", "plan", "objective", "measure", "decided_by"]


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["decision", "due_date", "status"]
    list_filter = ["status"]
    raw_id_fields = ["decision", "confirmed_by"]
