from odoo import api, models

# What the links to a record (its access token, or a hash signed for a partner
# with that partner's id) open of its chatter — the /mail/* and /portal/*
# routes: messages, posts, followers, attachments, reactions, avatars:
#   "all":      Odoo's default, whoever holds the link;
#   "visitors": only whoever is not logged in: a logged-in user reaches the
#               record through their own rights, never through a link made
#               for somebody else;
#   "none":     nobody: the product never uses the links for the chatter.
CHATTER_LINKS = ("all", "visitors", "none")


class MailThread(models.AbstractModel):
    # On mail.thread itself, not in a mixin of the models: an abstract parent
    # added to an existing model (helpdesk.ticket, survey.survey) comes after
    # mail.thread in its classes, so its override would never run.
    _inherit = "mail.thread"

    _pm_chatter_links = "all"

    @api.model
    def _get_thread_with_access(self, thread_id, *, hash=None, pid=None, token=None, **kwargs):
        links = self._pm_chatter_links
        if links == "none" or (links == "visitors" and not self.env.user._is_public()):
            hash = pid = token = None
        return super()._get_thread_with_access(thread_id, hash=hash, pid=pid, token=token, **kwargs)


class SurveySurvey(models.Model):
    # The survey's link goes to every person invited: it opens the survey
    # pages (survey's own routes, untouched), never the staff's chatter.
    _inherit = "survey.survey"

    _pm_chatter_links = "none"


class SurveyUserInput(models.Model):
    # The answer's link is the invitee's way to answer, not to its chatter.
    _inherit = "survey.user_input"

    _pm_chatter_links = "none"
