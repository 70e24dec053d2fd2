"""Public name kept stable: ``python -m procurement_course.quiz_load`` checks quiz banks."""

from .quizzes.load import *  # noqa: F401,F403
from .quizzes.load import main

if __name__ == "__main__":
    raise SystemExit(main())
