# The check-ins made before the proof existed: recorded as not proven (the
# arrival milestones they met too), so that the share of proven arrivals
# counts them as such rather than as unknown.


def migrate(cr, version):
    cr.execute(
        """UPDATE helpdesk_ticket SET checkin_method = 'none'
            WHERE checkin_date IS NOT NULL AND checkin_method IS NULL"""
    )
    cr.execute(
        """UPDATE pm_ticket_milestone m SET proof_method = 'none'
             FROM helpdesk_ticket t
            WHERE m.ticket_id = t.id AND m.milestone_type = 'arrival'
              AND m.state IN ('met', 'missed') AND m.proof_method IS NULL
              AND t.checkin_date IS NOT NULL"""
    )
