from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# One message for every failed login (wrong password, unknown address, inactive account), so the login
# page never tells whether an e-mail address has an account.
LOGIN_FAILED = _("Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw.")


class LoginForm(forms.Form):
    """E-mail address and password; checks them through ``authenticate`` so django-axes counts failures."""

    # Named ``username`` because django-axes reads that field (AXES_USERNAME_FORM_FIELD).
    username = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True, "spellcheck": "false"}),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een e-mailadres in, bijvoorbeeld naam@organisatie.nl."),
        },
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vul je wachtwoord in.")},
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean_username(self):
        # Accounts are stored in lower case; also makes the lockout count "Wim@..." and "wim@..." as one.
        return self.cleaned_data["username"].lower()

    def clean(self):
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email and password:
            self.user = authenticate(request=self.request, username=email, password=password)
            if self.user is None:
                raise ValidationError(LOGIN_FAILED, code="invalid_login")
        return self.cleaned_data


class CodeForm(forms.Form):
    """A code from the authenticator app, or (when logging in) a backup code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autofocus": True,
                "autocapitalize": "off",
                "spellcheck": "false",
                "class": "input--code",
            }
        ),
        error_messages={"required": _("Vul de code in.")},
    )

    def __init__(self, *args, numeric=False, label=None, help_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        if label:
            field.label = label
        if help_text:
            field.help_text = help_text
        if numeric:
            field.widget.attrs["inputmode"] = "numeric"


class PasswordChangeForm(forms.Form):
    """Current password, then the new one twice. Validator messages land by the field they are about."""

    old_password = forms.CharField(
        label=_("Huidig wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        error_messages={"required": _("Vul je huidige wachtwoord in.")},
    )
    new_password1 = forms.CharField(
        label=_("Nieuw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Minstens 12 tekens. Een zin van een paar woorden is makkelijk te onthouden en moeilijk te raden. "
            "Gebruik geen wachtwoord dat je ergens anders ook gebruikt."
        ),
        error_messages={"required": _("Vul een nieuw wachtwoord in.")},
    )
    new_password2 = forms.CharField(
        label=_("Nieuw wachtwoord nog een keer"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Vul het nieuwe wachtwoord nog een keer in.")},
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        password = self.cleaned_data["old_password"]
        if not self.user.check_password(password):
            raise ValidationError(
                _("Dit is niet je huidige wachtwoord. Probeer het opnieuw."), code="password_incorrect"
            )
        return password

    def clean_new_password1(self):
        password = self.cleaned_data["new_password1"]
        try:
            password_validation.validate_password(password, self.user)
        except ValidationError as error:
            raise ValidationError([_friendlier(e) for e in error.error_list]) from None
        return password

    def clean(self):
        first = self.cleaned_data.get("new_password1")
        second = self.cleaned_data.get("new_password2")
        if first and second and first != second:
            self.add_error(
                "new_password2",
                ValidationError(_("Dit is niet hetzelfde als het nieuwe wachtwoord hierboven."), code="mismatch"),
            )
        return self.cleaned_data


def _friendlier(error: ValidationError) -> ValidationError:
    """Our own words for two of Django's password messages.

    Django 5.2 changed the msgid of the too-short message, so its Dutch catalogue no longer translates it;
    and its too-similar message reads "lijkt te veel op de e-mailadres". The common and numeric messages
    are translated well by Django and stay as they are.
    """
    if error.code == "password_too_short":
        minimum = (error.params or {}).get("min_length", 12)
        message = ngettext(
            "Dit wachtwoord is te kort. Gebruik minstens %(min_length)d teken.",
            "Dit wachtwoord is te kort. Gebruik minstens %(min_length)d tekens.",
            minimum,
        ) % {"min_length": minimum}
        return ValidationError(message, code=error.code)
    if error.code == "password_too_similar":
        return ValidationError(_("Dit wachtwoord lijkt te veel op je naam of e-mailadres."), code=error.code)
    return error


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Taal"), choices=settings.LANGUAGES)


class OrganisationSettingsForm(forms.Form):
    review_interval_months = forms.IntegerField(
        label=_("Netwerkbespreking elke zoveel maanden"),
        min_value=1,
        max_value=24,
        help_text=_(
            "Na een netwerkbespreking of netwerksessie staat de volgende zoveel maanden later. "
            "Het onderzoek raadt aan het netwerk regelmatig samen te bekijken; drie maanden is de standaard."
        ),
        error_messages={
            "required": _("Vul een aantal maanden in."),
            "invalid": _("Vul een heel getal in, zoals 3."),
            "min_value": _("Kies minstens 1 maand."),
            "max_value": _("Kies hoogstens 24 maanden."),
        },
    )
    retention_months = forms.IntegerField(
        label=_("Bewaartermijn na vertrek, in maanden"),
        min_value=1,
        max_value=240,
        help_text=_(
            "Zo lang blijven de gegevens van een cliënt bewaard nadat die vertrokken is. Daarna worden ze gewist."
        ),
        error_messages={
            "required": _("Vul een aantal maanden in."),
            "invalid": _("Vul een heel getal in, zoals 24."),
            "min_value": _("Kies minstens 1 maand."),
            "max_value": _("Kies hoogstens 240 maanden."),
        },
    )
    caregiver_support_name = forms.CharField(
        label=_("Steunpunt voor naasten"),
        required=False,
        max_length=200,
        help_text=_(
            "Bijvoorbeeld het steunpunt mantelzorg in jullie gemeente. Dit staat op de informatiebladen voor naasten."
        ),
    )
    caregiver_support_url = forms.URLField(
        label=_("Website van het steunpunt"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een webadres in, zoals https://www.mantelzorg.nl.")},
    )
