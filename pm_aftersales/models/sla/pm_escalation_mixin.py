import logging
from collections import defaultdict

from markupsafe import escape

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import split_every
from odoo.tools.mail import generate_tracking_message_id

_logger = logging.getLogger(__name__)


class PmEscalationMixin(models.AbstractModel):
    """The one escalation engine (升级) of the addon: the milestones of the
    jobs and the rectification orders climb their ladder with it.

    A record climbs a ladder of levels (``pm.escalation.level.mixin``), once
    per level: each level made tells its recipient with an activity and a
    note in the chatter, written in the recipient's language (else the
    company's), times on the company's clock. The date of the next level is
    stored and indexed: the cron finds what is due in one query, however many
    records wait, and makes the escalations of a batch together (one
    activity create, one message create, one update).

    A model using the engine gives:

    * ``_get_escalation_levels()``: the levels of the record's ladder;
    * ``_prepare_escalation_message(level, user, **kwargs)``: summary and
      body, in the language of the context;
    * the dependencies of ``_compute_next_escalation_date`` (override it with
      its ``@api.depends`` and call super);

    and, where its defaults do not fit, the other ``_get_escalation_*`` hooks.
    """

    _name = "pm.escalation.mixin"
    _description = "Escalation Engine"

    # Records escalated together; each batch in its own savepoint.
    _pm_escalation_batch_size = 200

    escalation_level = fields.Integer(
        default=0, copy=False, help="Highest escalation level already made (0: none)."
    )
    next_escalation_date = fields.Datetime(
        string="Next Escalation",
        compute="_compute_next_escalation_date",
        store=True,
        precompute=True,
        index=True,
        copy=False,
        help="When the next level of the escalation ladder is due (empty: none).",
    )

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    def _get_escalation_levels(self):
        """The levels of this record's ladder (any order)."""
        raise NotImplementedError

    def _is_escalation_open(self):
        """Whether the record may still be escalated (its next level is due
        only then)."""
        self.ensure_one()
        return True

    def _get_escalation_thread(self):
        """The record whose chatter and activities receive the escalation."""
        self.ensure_one()
        return self

    def _get_escalation_activity_type(self):
        return "mail.mail_activity_data_todo"

    def _get_escalation_message_type(self):
        return "comment"

    def _escalation_requires_recipient(self):
        """True: with nobody at the level, the level is not made (the ladder
        ends there). False: it is made and the note says that nobody holds
        the role."""
        return False

    def _prepare_escalation_message(self, level, user, **kwargs):
        """{"summary", "body"[, "note"]} of the escalation to ``user`` (may be
        empty) at ``level``, in the language of the context. The activity's
        note is the body unless "note" is given."""
        raise NotImplementedError

    def _prepare_escalation_vals(self, level, **kwargs):
        """What the record keeps of the level made."""
        return {"escalation_level": level.level}

    @api.model
    def _get_escalation_due_domain(self, now):
        return Domain("next_escalation_date", "<=", now)

    # ------------------------------------------------------------------
    # Ladder
    # ------------------------------------------------------------------
    def _compute_next_escalation_date(self):
        for record in self:
            level = record._is_escalation_open() and record._get_next_escalation()
            record.next_escalation_date = (level and level._get_trigger_date(record)) or False

    def _get_next_escalation(self):
        """The next level of the ladder (empty: the ladder is climbed)."""
        self.ensure_one()
        return (
            self._get_escalation_levels()
            .filtered(lambda level: level.level > self.escalation_level)
            .sorted("level")[:1]
        )

    # ------------------------------------------------------------------
    # The escalation step, by batch
    # ------------------------------------------------------------------
    def _escalate(self, **kwargs):
        """Make the next level of each record's ladder now (due or not: the
        cron passes the due ones, an event may escalate at once), once per
        level. For the whole batch: one activity create, one message create,
        the levels written in one update. Returns the records escalated."""
        steps = []
        for record in self:
            level = record._get_next_escalation()
            if not level:
                continue
            user = level._get_recipient(record)
            if not user and record._escalation_requires_recipient():
                continue
            steps.append((record, level, user))
        if not steps:
            return self.browse()
        activities, messages, updates = [], defaultdict(list), defaultdict(list)
        for record, level, user in steps:
            company = record.company_id
            # Written for the person escalated to (nobody: the company).
            texts = record.with_context(lang=company._pm_lang(user))._prepare_escalation_message(
                level, user, **kwargs
            )
            thread = record._get_escalation_thread()
            if user:
                activities.append(
                    record._prepare_escalation_activity_values(thread, user, texts, company)
                )
            messages[thread._name].append((thread.id, texts["body"], user.partner_id.ids))
            vals = record._prepare_escalation_vals(level, **kwargs)
            updates[tuple(sorted(vals.items()))].append(record.id)
        # Quick update: the recipient learns it from the activity, the note
        # and its inbox notification, not from one "assigned to you" mail per
        # activity (a dozen queries each).
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(activities)
        for model, entries in messages.items():
            self._pm_log_escalation_messages(model, entries)
        for vals, ids in updates.items():
            self.browse(ids).write(dict(vals))
        return self.browse([record.id for record, _level, _user in steps])

    def _prepare_escalation_activity_values(self, thread, user, texts, company):
        self.ensure_one()
        return {
            "res_model_id": self.env["ir.model"]._get_id(thread._name),
            "res_id": thread.id,
            "activity_type_id": self.env["ir.model.data"]._xmlid_to_res_id(
                self._get_escalation_activity_type()
            ),
            "summary": texts["summary"],
            "note": escape(texts.get("note", texts["body"])),
            "user_id": user.id,
            "date_deadline": company._pm_today(),
            "automated": True,
        }

    def _pm_log_escalation_messages(self, model, entries):
        """Notes on records of ``model``, all in one message create (two may
        go to one record), each to its recipient's inbox: ``entries`` is a
        list of (res_id, body text, recipient partner ids). Like
        ``_message_log_batch``, which logs one message per record and
        notifies nobody."""
        Thread = self.env[model]
        author_id, email_from = Thread._message_compute_author()
        base = {
            "author_id": author_id,
            "email_from": email_from,
            "model": model,
            "record_alias_domain_id": False,
            "record_company_id": False,
            "message_type": self._get_escalation_message_type(),
            "is_internal": True,
            "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
            "email_add_signature": False,
            "reply_to": self.env["mail.thread"]._notify_get_reply_to(
                default=email_from, author_id=author_id
            )[False],
        }
        messages = Thread.sudo()._message_create(
            [
                dict(
                    base,
                    res_id=res_id,
                    body=escape(body),
                    partner_ids=partner_ids,
                    message_id=generate_tracking_message_id("message-notify"),
                )
                for res_id, body, partner_ids in entries
            ]
        )
        # sudo: mail.notification - the inbox of the people escalated to
        self.env["mail.notification"].sudo().create(
            [
                {
                    "author_id": author_id,
                    "mail_message_id": message.id,
                    "notification_status": "sent",
                    "notification_type": "inbox",
                    "res_partner_id": partner_id,
                }
                for message, (_res_id, _body, partner_ids) in zip(messages, entries, strict=True)
                for partner_id in partner_ids
            ]
        )
        return messages

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------
    @api.model
    def _cron_escalate(self, limit=None):
        """Escalate the records whose next level is due.

        Finding them is one indexed query on the stored next escalation date;
        the work grows only with the escalations made. Each batch is made in
        its own savepoint: when one fails, its records are made one by one,
        so that one failing record never stops the others. Returns the
        records escalated."""
        due = self.search(
            self._get_escalation_due_domain(fields.Datetime.now()),
            order="next_escalation_date, id",
            limit=limit,
        )
        done = self.browse()
        for batch in split_every(self._pm_escalation_batch_size, due.ids, self.browse):
            done |= batch._escalate_in_savepoint()
        return done

    def _escalate_in_savepoint(self):
        try:
            with self.env.cr.savepoint():
                return self._escalate()
        except Exception:
            if len(self) == 1:
                # logged; the others go on
                _logger.exception("Escalation of %s failed", self)
                return self.browse()
            _logger.warning(
                "Escalation of %s %s records failed: made one by one",
                len(self),
                self._name,
                exc_info=True,
            )
        done = self.browse()
        for record in self:
            done |= record._escalate_in_savepoint()
        return done
