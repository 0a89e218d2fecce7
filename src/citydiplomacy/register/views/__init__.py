"""The register's pages; each module owns one area and its url patterns."""
