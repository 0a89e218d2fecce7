"""Forms render with Helsinki Design System markup through one renderer, so no form needs
per-form templates; edits carry the version they started from."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class HdsFormRenderer(TemplatesSetting):
    form_template_name = "hds/forms/form.html"
    field_template_name = "hds/forms/field.html"


class VersionedModelForm(forms.ModelForm):
    """A model form whose save is refused if the record changed after the form was opened.

    The check itself is ``concurrency.save_versioned``; this form only carries the version.
    """

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version

    def expected_version(self) -> int | None:
        return self.cleaned_data.get("edit_version")


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
