"""Scoring a partner from what storage holds: everyone's answers, the list's weights."""

from __future__ import annotations

from bot.services.model import Sheets, labels
from questionnaire.model import Questionnaire
from questionnaire.scoring import ScoreCard, Summary, score_partner
from questionnaire.team import Team, combine, settle
from questionnaire.weights import Weights, whole
from storage.models import Partner, WeightChange
from storage.repositories import Tx


def default_weights(questionnaire: Questionnaire) -> Weights:
    return whole(questionnaire.default_weights())


async def weights_and_change(
    tx: Tx, questionnaire: Questionnaire, workspace_id: int
) -> tuple[Weights, WeightChange | None]:
    """The workspace's section weights (its own, or the questionnaire's defaults) and their
    latest change (None: still the defaults)."""
    change = await tx.weight_change(workspace_id)
    return (change.weights if change else default_weights(questionnaire)), change


async def weights_of(tx: Tx, questionnaire: Questionnaire, workspace_id: int) -> Weights:
    weights, _ = await weights_and_change(tx, questionnaire, workspace_id)
    return weights


async def load_sheets(
    tx: Tx, questionnaire: Questionnaire, partner: Partner, *, only_user: int | None = None
) -> Sheets:
    opened = [
        a for a in await tx.assessments(partner.id) if only_user is None or a.user_id == only_user
    ]
    answers = {a.id: await tx.answers(a.id) for a in opened}
    assessments = [a for a in opened if answers[a.id]]
    names = labels(opened)  # the same names wherever shown, notes of the unanswered included
    team = combine(questionnaire, {names[a.id]: answers[a.id] for a in assessments})
    # A lead's settlements are the team's; one person's own view shows their own answers.
    settled = await tx.settlements(partner.id) if only_user is None else {}
    team = settle(team, {q: s.value for q, s in settled.items()})
    return Sheets(assessments, answers, team, opened, settled)


def score(
    questionnaire: Questionnaire, partner: Partner, team: Team, weights: Weights
) -> ScoreCard:
    return score_partner(
        questionnaire, team.ratings, technology=bool(partner.technology), weights=weights
    )


async def rescore(tx: Tx, questionnaire: Questionnaire, partner: Partner) -> Summary:
    """Score the partner from everyone's answers and keep the figures for the ranking."""
    sheets = await load_sheets(tx, questionnaire, partner)
    weights = await weights_of(tx, questionnaire, partner.workspace_id)
    card = score(questionnaire, partner, sheets.team, weights)
    summary = card.summary()
    await tx.save_summary(partner.id, summary, card.standing())
    return summary
