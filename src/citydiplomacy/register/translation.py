"""Change history for the register's records (their content is entered in one language)."""

import simple_history

from .models import Activity, PartnerOrganisation, TripApproval

simple_history.register(Activity)
simple_history.register(PartnerOrganisation)
simple_history.register(TripApproval)
