"""Forms for the signals: filtering the team's list, and the organisation's settings per rule."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kring.measures.signals import RuleSetting, enabled


class SignalFilterForm(forms.Form):
    signaal = forms.ChoiceField(label=_("Signaal"), required=False)
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False, empty_label=_("Alle teams"))

    def __init__(self, *args, settings: Mapping[str, RuleSetting], teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signaal"].choices = [("", _("Alle signalen"))] + [
            (setting.key, setting.rule.title) for setting in enabled(settings)
        ]
        self.fields["team"].queryset = teams


ON, OFF = "on", "off"


class SignalSettingsForm(forms.Form):
    """Per rule: on or off (``<key>_enabled``) and, where the rule has one, its threshold (``<key>_threshold``)."""

    def __init__(self, *args, settings: Mapping[str, RuleSetting], **kwargs):
        initial = {}
        for setting in settings.values():
            initial[f"{setting.key}_enabled"] = ON if setting.enabled else OFF
            if setting.rule.has_threshold:
                initial[f"{setting.key}_threshold"] = setting.threshold
        super().__init__(*args, initial=initial, **kwargs)
        self.settings = settings
        for setting in settings.values():
            rule = setting.rule
            self.fields[f"{rule.key}_enabled"] = forms.ChoiceField(
                label=_("Dit signaal"),
                choices=[(ON, _("Aan")), (OFF, _("Uit"))],
                error_messages={"required": _("Kies aan of uit."), "invalid_choice": _("Kies aan of uit.")},
            )
            if rule.has_threshold:
                message = gettext("Vul een heel getal in van %(min)s tot en met %(max)s.") % {
                    "min": rule.threshold_min,
                    "max": rule.threshold_max,
                }
                self.fields[f"{rule.key}_threshold"] = forms.IntegerField(
                    label=_("Grens (%(unit)s)") % {"unit": rule.unit},
                    min_value=rule.threshold_min,
                    max_value=rule.threshold_max,
                    help_text=gettext("Standaard: %(default)s.") % {"default": rule.threshold},
                    error_messages={
                        "required": message,
                        "invalid": message,
                        "min_value": message,
                        "max_value": message,
                    },
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                )

    def rows(self):
        """Per rule: the setting and its two bound fields, for the template."""
        return [
            (
                setting,
                self[f"{setting.key}_enabled"],
                self[f"{setting.key}_threshold"] if setting.rule.has_threshold else None,
            )
            for setting in self.settings.values()
        ]

    def choices(self) -> dict[str, tuple[bool, int | None]]:
        return {
            setting.key: (
                self.cleaned_data[f"{setting.key}_enabled"] == ON,
                self.cleaned_data[f"{setting.key}_threshold"] if setting.rule.has_threshold else None,
            )
            for setting in self.settings.values()
        }
