from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tenpoint.audit.services import Actor
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.common.types import AuthenticatedRequest
from tenpoint.linkage import selectors, services
from tenpoint.linkage.models import CandidatePair
from tenpoint.linkage.selectors import NAME_PARTS, names_for_linkage, registration_candidates


@login_required
def candidates(request: AuthenticatedRequest) -> HttpResponse:
    """The panel beside the registration form: people already registered who may be this one."""
    found = []
    if request.user.has_role_permission("registry.view_person"):
        given_names, family_names = names_for_linkage(*(request.GET.get(f, "") for f in NAME_PARTS))
        found = registration_candidates(
            Actor(request.user), given_names=given_names, family_names=family_names,
            birth_date=request.GET.get("birth_date", ""), sex=request.GET.get("sex", ""),
            nationality=request.GET.get("nationality_declared", ""),
            name_in_original_script=request.GET.get("name_in_original_script", ""),
        )
    return render(request, "linkage/_candidates.html", {"candidates": found, "same_as": request.GET.get("same_as", "")})


@login_required
def reviews(request: AuthenticatedRequest) -> HttpResponse:
    actor = Actor(request.user)
    if request.method == "POST":
        try:
            review = services.start_duplicate_review_in_background(
                actor, scope=request.POST.get("scope", services.EVERYONE))
        except BusinessRuleViolation as refused:
            messages.error(request, str(refused))
        else:
            if review.status == review.Status.FAILED:  # it ran in the request and failed: the list says so
                messages.error(request, _("The duplicate review could not finish, and nothing was queued: "
                                          "%(problem)s") % {"problem": review.problem})
                return redirect("linkage:reviews")
            return redirect("linkage:review", review_uuid=review.uuid)
    listed = list(selectors.reviews_for(actor)[:50])
    since_last = selectors.since_last_review(actor)
    return render(request, "linkage/reviews.html",
                  {"reviews": listed, "still_running": {r.uuid for r in listed if selectors.run_is_alive(r)},
                   "since_last": since_last})


@login_required
def review(request: AuthenticatedRequest, review_uuid: str) -> HttpResponse:
    actor = Actor(request.user)
    found = selectors.get_review(actor, review_uuid)
    if request.method == "POST" and request.POST.get("confirm") == "confident":
        # Only the kind of evidence on screen, if the queue was filtered to one.
        most = request.POST.get("most", "")
        confirmed = services.confirm_confident_pairs(actor, found, weighed_most=most)
        messages.success(request, ngettext("%(count)d pair confirmed as the same person.",
                                           "%(count)d pairs confirmed as the same person.", confirmed)
                         % {"count": confirmed})
        back = reverse("linkage:review", kwargs={"review_uuid": found.uuid})
        return redirect(f"{back}?{urlencode({'most': most})}" if most else back)
    if found.status == found.Status.RUNNING:
        # Followed until it ends; a run whose process stopped says so and offers a new start.
        alive = selectors.run_is_alive(found)
        return render(request, "linkage/review_running.html",
                      {"review": found, "still_running": alive,
                       "resumable": not alive and found.scope == found.Scope.EVERYONE
                       and selectors.kept_its_model(found)})
    decision = request.GET.get("decision", "pending")
    if decision not in CandidatePair.Decision.values:
        decision = "pending"
    # An unknown band or kind: all of them. Each filter's counts are within the other's choice.
    band = selectors.score_band(found, request.GET.get("band"))
    groups = selectors.weighed_most_groups(found, decision=decision, band=band, selected=request.GET.get("most", ""))
    group = next((g for g in groups if g.key == request.GET.get("most")), None)
    most = group.key if group else ""
    bands = selectors.score_bands(found, decision=decision, weighed_most=most)
    page = Paginator(selectors.review_queue(actor, found, decision=decision, band=band, weighed_most=most), 50
                     ).get_page(request.GET.get("page"))
    confident = selectors.confident_pending_pairs(found, weighed_most=most).count()
    return render(request, "linkage/review.html", {"review": found, "page": page, "decision": decision,
                                                   "decisions": CandidatePair.Decision.choices,
                                                   "confident": confident, "bands": bands, "band": band,
                                                   "groups": groups, "group": group})


@login_required
def pair(request: AuthenticatedRequest, pair_uuid: str) -> HttpResponse:
    actor = Actor(request.user)
    found = selectors.get_pair(actor, pair_uuid)
    if request.method == "POST":
        try:
            services.decide_pair(actor, found, request.POST.get("decision", ""), note=request.POST.get("note", ""))
        except BusinessRuleViolation as refused:
            messages.error(request, str(refused))
            return redirect("linkage:pair", pair_uuid=found.uuid)
        messages.success(request, _("Decision recorded."))
        following = selectors.pending_pairs(found.review).first()
        if following:
            return redirect("linkage:pair", pair_uuid=following.uuid)
        return redirect("linkage:review", review_uuid=found.review.uuid)
    return render(request, "linkage/pair.html", {"pair": found, "reasons": selectors.pair_reasons(found),
                                                 "weights": selectors.pair_model_weights(found),
                                                 "cluster": selectors.pair_cluster(actor, found),
                                                 "later": selectors.later_pair(found)})


@login_required
@require_POST
def link_undo(request: AuthenticatedRequest, link_uuid: str) -> HttpResponse:
    actor = Actor(request.user)
    link = selectors.get_link(actor, link_uuid)
    try:
        services.undo_same_person(actor, link, reason=request.POST.get("reason", ""))
    except BusinessRuleViolation as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The link is undone: the two records are separate again."))
    return redirect("registry:person", person_uuid=link.person_id)

