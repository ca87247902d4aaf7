"""The checklist as data, the interview flow and the scoring model. Pure Python."""
