"""Long lists in pages: a reader sees one page of a speaker's quotes, a partnership's articles
or the reports, and goes on to the next.

A page "number" that is not a whole number shows the first page, and a number out of range the
last (Django's Paginator.get_page): an address a reader typed or kept never ends in an error.
"""

from django.core.paginator import Paginator


def paginate(request, items, per_page, fragment="", address=None):
    """The page of `items` the query string's `page` asks for, with the addresses of the pages
    before and after it, as the pager (templates/includes/pager.html) shows them.

    By default the first page's address is the list's own, without `?page=1`, and a fragment
    takes the reader to the list when it is one part of a longer page. A page whose query
    string says more (the search) gives its own `address(number)`.
    """
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    anchor = f"#{fragment}" if fragment else ""

    def path_address(number):
        query = f"?page={number}" if number > 1 else ""
        return f"{request.path}{query}{anchor}"

    address = address or path_address

    return {
        "page": page,
        "previous_page": address(page.previous_page_number()) if page.has_previous() else None,
        "next_page": address(page.next_page_number()) if page.has_next() else None,
    }
