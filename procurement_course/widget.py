"""Public name kept stable: ``from procurement_course.widget import QuizWidget``."""

from .quizzes.widget import QuizWidget, find_course_root  # noqa: F401
