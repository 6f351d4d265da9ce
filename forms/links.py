"""Links in residents' emails that name one of their submissions on one form page.

Signed, so they cannot be guessed or pointed at someone else's; they do not expire,
because a resident may act on an email weeks after it came. Each kind of link has its
own salt, so a cancel link cannot be turned into a leave link.
"""

from django.core import signing


def submission_token(submission, salt):
    return signing.Signer(salt=salt).sign_object([submission.pk, submission.page_id])


def read_submission_token(token, page, salt):
    """The submission id in a token for this page; None if altered or made for another."""
    try:
        submission_id, page_id = signing.Signer(salt=salt).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if page_id != page.pk or not isinstance(submission_id, int):
        return None
    return submission_id
