"""Public name kept stable: ``python -m procurement_course.scenario_load`` checks case scenarios."""

from .scenarios.load import *  # noqa: F401,F403
from .scenarios.load import main

if __name__ == "__main__":
    raise SystemExit(main())
