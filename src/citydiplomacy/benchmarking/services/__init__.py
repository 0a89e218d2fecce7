"""The benchmarking domain logic, called by views, the API, commands, tasks and the demo.

* ``store``: reading the indicator store (home city, values, series, data vintages);
* ``importing`` with ``codes`` (matching codes to the store) and ``bulk`` (fast writes), and
  ``uploads`` (files kept between the dry run and the confirmation);
* ``peersets`` with ``explain`` (the reasons in plain words): choosing and saving peers;
* ``indices`` with ``hierarchy`` and ``results``: building, running and showing indices;
* ``rankings``: the ranking tracker.
"""
