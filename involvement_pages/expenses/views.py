"""Officer-only views: a claim's receipts, and the payment file."""

import mimetypes

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.views import View

from forms.viewsets import ResourceExportMixin

from .models import ExpenseClaim, Receipt
from .resources import PaymentResource

VIEW_CLAIMS = "involvement_expenses.view_expenseclaim"


class OfficersOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_CLAIMS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReceiptView(OfficersOnlyMixin, View):
    """Hands a receipt to an officer as a download, never shown inline in the browser."""

    def get(self, request, name):
        receipt = Receipt.objects.filter(file=name).first()
        if receipt is None:
            raise Http404
        try:
            handle = receipt.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        content_type = mimetypes.guess_type(receipt.file.name)[0] or "application/octet-stream"
        response = FileResponse(
            handle, as_attachment=True, filename=str(receipt), content_type=content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class PaymentFileView(OfficersOnlyMixin, ResourceExportMixin, View):
    """Approved claims not yet paid, oldest approval first, as a CSV for the finance team."""

    resource_class = PaymentResource
    export_filename = "expense-claims-to-pay"

    def get(self, request):
        claims = ExpenseClaim.objects.to_pay().order_by("approved_on", "pk")
        return self.as_spreadsheet(claims, "csv")
