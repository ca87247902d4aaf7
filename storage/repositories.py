"""Every query the bot makes. A `Tx` is handed out by `Database` for one unit of work."""

from __future__ import annotations

from storage.queries.assessments import AssessmentQueries
from storage.queries.assignments import AssignmentQueries
from storage.queries.base import Queries, name_key, utcnow
from storage.queries.boards import BoardQueries
from storage.queries.bulk import BulkQueries
from storage.queries.decisions import DecisionQueries
from storage.queries.lists import ListQueries
from storage.queries.partners import PartnerQueries
from storage.queries.people import PeopleQueries
from storage.queries.ranking import RankingQueries
from storage.queries.sends import SendQueries
from storage.queries.weights import WeightQueries

__all__ = ["Tx", "name_key", "utcnow"]


class FsmQueries(Queries):
    """The aiogram FSM's state and data, by storage key."""

    async def fsm(self, key: str) -> tuple[str | None, str]:
        """The state and the data (JSON) kept under `key`; (None, "{}") when none are."""
        row = await self._one("SELECT state, data FROM fsm WHERE key = ?", (key,))
        return (row["state"], row["data"]) if row else (None, "{}")

    async def fsm_set_state(self, key: str, state: str | None) -> None:
        await self._run(
            "INSERT INTO fsm (key, state) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET state = excluded.state",
            (key, state),
        )

    async def fsm_set(self, key: str, state: str | None, data: str) -> None:
        await self._run(
            "INSERT INTO fsm (key, state, data) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET state = excluded.state, data = excluded.data",
            (key, state, data),
        )

    async def fsm_set_data(self, key: str, data: str) -> None:
        await self._run(
            "INSERT INTO fsm (key, data) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET data = excluded.data",
            (key, data),
        )


class Tx(
    PeopleQueries,
    BulkQueries,
    PartnerQueries,
    RankingQueries,
    AssessmentQueries,
    AssignmentQueries,
    BoardQueries,
    ListQueries,
    WeightQueries,
    SendQueries,
    DecisionQueries,
    FsmQueries,
):
    """All queries, on the connection of one unit of work."""
