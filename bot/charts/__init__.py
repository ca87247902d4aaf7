"""Pictures and the report for management: their data (model), matplotlib (render, pdf) and
openpyxl (xlsx) in the worker processes only, what the workers run (draw) and how they are
spawned (spawn), the worker pools (worker), sending pictures (send) and making the report's data
(report). The bot's process never imports render or pdf (a structure test checks it)."""
