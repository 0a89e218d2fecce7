from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import EmailTemplate, ErasureLog, VisitRequest, VisitSettings


@admin.register(VisitRequest)
class VisitRequestAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "organisation_name", "country", "status", "score", "received_at"]
    list_filter = ["status", "suggestion"]
    search_fields = ["reference", "organisation_name"]
    raw_id_fields = ["country", "city", "unit", "redirected_to"]


@admin.register(EmailTemplate)
class EmailTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "language", "subject"]


admin.site.register(VisitSettings, SimpleHistoryAdmin)


@admin.register(ErasureLog)
class ErasureLogAdmin(admin.ModelAdmin):
    list_display = ["reference", "erased_at", "reason"]
    readonly_fields = ["reference", "erased_at", "finished_at", "fields", "reason"]
