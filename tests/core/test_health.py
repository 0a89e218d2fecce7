def test_healthz__answers_ok(client, db):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


def test_readiness__ok_when_database_migrated(client, db):
    response = client.get("/readiness")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness__503_when_a_migration_is_missing(client, db, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    def plan_with_pending(self, targets, clean_start=False):
        return [("core.0099_pending", False)]

    monkeypatch.setattr(MigrationExecutor, "migration_plan", plan_with_pending)
    response = client.get("/readiness")
    assert response.status_code == 503
    assert response.json()["pending_migrations"] == ["core.0099_pending"]
