"""StreamField blocks for involvement pages, following GOV.UK content patterns."""

from wagtail import blocks


class InsetTextBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=["bold", "link"])

    class Meta:
        icon = "info-circle"
        template = "involvement_pages/blocks/inset_text.html"


class DetailsBlock(blocks.StructBlock):
    """A "details" disclosure: a short summary that opens to more text."""

    summary = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=["bold", "link", "ul", "ol"])

    class Meta:
        icon = "collapse-down"
        template = "involvement_pages/blocks/details.html"


class QuoteBlock(blocks.StructBlock):
    """A resident's own words, for "You said, we did" stories."""

    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "involvement_pages/blocks/quote.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", template="involvement_pages/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])
    inset_text = InsetTextBlock()
    details = DetailsBlock()
    quote = QuoteBlock()
