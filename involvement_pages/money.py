"""Money as residents and boards read it: pounds, with pence only when there are some."""

from decimal import Decimal

ZERO = Decimal("0.00")


def pounds(value):
    """'£90,300', '£7.50', '-£250' for overspends; '' for no amount."""
    if value is None:
        return ""
    value = Decimal(value).quantize(Decimal("0.01"))
    sign = "-" if value < 0 else ""
    value = abs(value)
    if value == value.to_integral_value():
        return f"{sign}£{value:,.0f}"
    return f"{sign}£{value:,.2f}"


def rate(value):
    """A rate as a notice prints it: '40p' under a pound, '£7.00' (always with pence) above."""
    value = Decimal(value).quantize(Decimal("0.01"))
    if Decimal("0") < value < Decimal("1"):
        return f"{int(value * 100)}p"
    return f"£{value:,.2f}"
