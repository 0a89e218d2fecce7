"""The register's one spreadsheet format (CSV and XLSX), read and written the same way.

``columns`` defines the columns and how each cell is written and read, ``reading`` turns a file
into checked rows, ``writing`` turns rows into a file, and ``changes`` works out what an import
would create and change. These four modules are pure (no Django); ``records`` reads the
database into the same rows. The format is described in docs/register-spreadsheet.md.
"""
