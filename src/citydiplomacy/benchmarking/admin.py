from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ComparisonCity,
    CompositeIndex,
    ExternalRanking,
    ImportBatch,
    IndexResult,
    Observation,
    PeerSet,
    PeerSetMember,
    RankingEntry,
    RankingTarget,
    StatIndicator,
    UncertaintyRun,
)


@admin.register(StatIndicator)
class StatIndicatorAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["code", "name", "category", "unit", "dataset"]
    list_filter = ["category", "dataset"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]


@admin.register(ComparisonCity)
class ComparisonCityAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "eurostat_code_2017",
        "eurostat_code_2021",
        "kind",
        "country",
        "is_home",
    ]
    list_filter = ["kind", "is_home"]
    search_fields = ["name", "eurostat_code_2017", "eurostat_code_2021"]
    raw_id_fields = ["city"]
    list_select_related = ["country"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["file_name", "format", "dataset", "imported_at", "imported_by", "created_count"]
    readonly_fields = [f.name for f in ImportBatch._meta.fields]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ["indicator", "city", "year", "value", "flags"]
    raw_id_fields = ["city", "indicator", "batch"]
    list_select_related = ["indicator", "city"]
    show_full_result_count = False  # the table is large


class PeerSetMemberInline(admin.TabularInline):
    model = PeerSetMember
    extra = 0
    raw_id_fields = ["city"]


@admin.register(PeerSet)
class PeerSetAdmin(SimpleHistoryAdmin):
    list_display = ["name", "home", "year", "visibility", "created_at"]
    raw_id_fields = ["home"]
    inlines = [PeerSetMemberInline]


@admin.register(CompositeIndex)
class CompositeIndexAdmin(SimpleHistoryAdmin):
    list_display = ["name", "year", "peer_set", "visibility"]
    raw_id_fields = ["cities"]


@admin.register(IndexResult)
class IndexResultAdmin(admin.ModelAdmin):
    list_display = ["index", "created_at", "home_rank", "unit_count"]
    readonly_fields = [f.name for f in IndexResult._meta.fields]


@admin.register(UncertaintyRun)
class UncertaintyRunAdmin(admin.ModelAdmin):
    list_display = ["result", "analysis", "n", "status", "created_at"]
    readonly_fields = [f.name for f in UncertaintyRun._meta.fields]


class RankingEntryInline(admin.TabularInline):
    model = RankingEntry
    extra = 0
    raw_id_fields = ["city"]


class RankingTargetInline(admin.TabularInline):
    model = RankingTarget
    extra = 0


@admin.register(ExternalRanking)
class ExternalRankingAdmin(SimpleHistoryAdmin):
    list_display = ["name", "publisher", "is_example", "visibility"]
    inlines = [RankingTargetInline, RankingEntryInline]
