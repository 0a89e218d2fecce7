"""Importing statistics files: real Eurostat files, the dry run, all-or-nothing errors that name
the line, column and code, revisions, both code editions, the command and the upload screens."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from citydiplomacy.benchmarking.models import ComparisonCity, ImportBatch, Observation
from citydiplomacy.benchmarking.services import importing

pytestmark = pytest.mark.urls("tests.benchmarking_app.urls")


def _value(code, indicator, year):
    city = ComparisonCity.objects.get(eurostat_code_2017=code)
    return Observation.objects.values_list("value", "flags").get(
        city=city, indicator__code=indicator, year=year
    )


@pytest.mark.django_db
def test_dry_run__reports_counts_and_writes_nothing(small_tsv):
    preview = importing.preview_import(small_tsv, "urb_ctour.tsv")
    assert preview.ok and preview.format == "eurostat-tsv" and preview.dataset == "urb_ctour"
    counts = {c.code: (c.created, c.updated, c.empty, c.is_new) for c in preview.indicators}
    assert counts == {"CR2001V": (3, 0, 1, True), "EC2021V": (3, 0, 1, True)}
    assert sorted(c.code_2017 for c in preview.new_cities) == ["EE001C1", "FI001C2", "SE001C1"]
    assert preview.notice == "Source: Eurostat (urb_ctour)"
    assert not Observation.objects.exists() and not ComparisonCity.objects.exists()
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_apply__then_revision_updates_only_what_changed(small_tsv):
    first = importing.apply_import(importing.preview_import(small_tsv, "urb_ctour.tsv"))
    assert first.created_count == 6 and Observation.objects.count() == 6
    assert _value("SE001C1", "EC2021V", 2017) == (None, "c")  # a flagged missing value is kept
    revised = small_tsv.replace(b"2000 p", b"2010 ")
    preview = importing.preview_import(revised, "urb_ctour.tsv")
    assert (preview.created, preview.updated, preview.unchanged) == (0, 1, 5)
    second = importing.apply_import(preview)
    assert _value("EE001C1", "CR2001V", 2017) == (2010.0, "")
    changed = Observation.objects.get(city__eurostat_code_2017="EE001C1", year=2017)
    assert changed.batch == second
    assert Observation.objects.filter(batch=first).count() == 5


@pytest.mark.django_db
def test_sdmx_file_with_2021_codes__lands_on_the_same_city(small_tsv):
    importing.apply_import(importing.preview_import(small_tsv, "urb_ctour.tsv"))
    sdmx = (
        b"DATAFLOW,LAST UPDATE,freq,indic_ur,cities,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"
        b"ESTAT:URB_CTOUR(1.0),21/01/24 23:00:00,A,CR2001V,FI001C,2019,4000000,\n"
    )
    preview = importing.preview_import(sdmx, "estat.csv")
    assert preview.ok and preview.format == "sdmx-csv" and preview.dataset == "urb_ctour"
    assert preview.new_cities == []
    importing.apply_import(preview)
    helsinki = ComparisonCity.objects.get(eurostat_code_2021="FI001C")
    assert helsinki.eurostat_code_2017 == "FI001C2"
    assert Observation.objects.filter(city=helsinki, indicator__code="CR2001V").count() == 2


@pytest.mark.django_db
def test_broken_header__error_names_line_and_nothing_is_written(small_tsv):
    broken = small_tsv.replace(b"indic_ur,cities\\time", b"indic_ur,cities")
    preview = importing.preview_import(broken, "urb_ctour.tsv", "eurostat-tsv")
    assert not preview.ok
    assert preview.errors[0].line == 1
    assert "broken header" in str(preview.errors[0]) and str(preview.errors[0]).startswith("line 1")
    with pytest.raises(importing.ImportFailed):
        importing.apply_import(preview)
    assert not ImportBatch.objects.exists() and not Observation.objects.exists()


@pytest.mark.django_db
def test_unknown_codes__errors_name_line_column_and_code(small_tsv):
    bad = small_tsv.replace(b"CR2001V,EE001C1", b"CR2001V,XX999C9").replace(
        b"EC2021V,SE001C1", b"ZZ9999V,SE001C1"
    )
    preview = importing.preview_import(bad, "urb_ctour.tsv")
    problems = {p.code: p for p in preview.errors}
    assert set(problems) == {"XX999C9", "ZZ9999V"}
    assert (problems["XX999C9"].line, problems["XX999C9"].column) == (3, "cities")
    assert "unknown city code" in str(problems["XX999C9"])
    assert (problems["ZZ9999V"].line, problems["ZZ9999V"].column) == (5, "indic_ur")
    assert "unknown indicator code" in str(problems["ZZ9999V"])
    with pytest.raises(importing.ImportFailed):
        importing.apply_import(preview)
    assert not ComparisonCity.objects.exists() and not Observation.objects.exists()


@pytest.mark.django_db
def test_duplicate_row__names_both_lines(small_tsv):
    duplicated = small_tsv + b"CR2001V,FI001C2\t1 \t2 \n"
    preview = importing.preview_import(duplicated, "urb_ctour.tsv")
    assert not preview.ok and "duplicate" in str(preview.errors[0])
    assert preview.errors[0].line == 6


@pytest.mark.django_db
def test_command__dry_run_then_import(tmp_path, small_tsv, capsys):
    path = tmp_path / "urb_ctour.tsv"
    path.write_bytes(small_tsv)
    call_command("benchmark_import", str(path), "--dry-run")
    assert "Dry run" in capsys.readouterr().out and not Observation.objects.exists()
    call_command("benchmark_import", str(path), "--format", "eurostat-tsv")
    assert Observation.objects.count() == 6
    path.write_bytes(small_tsv.replace(b"\\time", b""))
    with pytest.raises(CommandError, match="line 1"):
        call_command("benchmark_import", str(path))
    assert ImportBatch.objects.count() == 1


def _upload(client, data, name="urb_ctour.tsv"):
    return client.post(
        "/benchmarking/data/import/",
        {"file": SimpleUploadedFile(name, data), "format": "auto"},
    )


@pytest.mark.django_db
def test_upload_view__preview_then_confirm(clients, media, small_tsv):
    client = clients["coordinator"]
    response = _upload(client, small_tsv)
    assert response.status_code == 302
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert (media / "benchmarking" / "uploads" / token).is_file()
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    assert "CR2001V" in preview.content.decode() and "Source: Eurostat" in preview.content.decode()
    assert not Observation.objects.exists()
    done = client.post(response["Location"], {"action": "apply"})
    assert done.status_code == 302 and Observation.objects.count() == 6
    assert ImportBatch.objects.get().imported_by.username == "coordinator"
    assert not (media / "benchmarking" / "uploads" / token).exists()


@pytest.mark.django_db
def test_upload_view__broken_file_shows_the_line_and_writes_nothing(clients, media, small_tsv):
    client = clients["coordinator"]
    response = _upload(client, small_tsv.replace(b"3576710 ", b"35x6 "))
    page = client.get(response["Location"])
    assert page.status_code == 400
    assert "line 2" in page.content.decode() and "35x6" in page.content.decode()
    assert client.post(response["Location"], {"action": "apply"}).status_code == 400
    assert not Observation.objects.exists() and not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_upload_view__only_coordinators(clients, media, small_tsv):
    assert _upload(clients["editor_a"], small_tsv).status_code == 403
    assert _upload(clients["viewer"], small_tsv).status_code == 403
    assert _upload(clients["anonymous"], small_tsv).status_code == 302  # to the sign-in page
    assert not ImportBatch.objects.exists()
