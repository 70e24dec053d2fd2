"""Public name kept stable: ``python -m procurement_course.data_package`` checks the data package."""

from .datasets.package import *  # noqa: F401,F403
from .datasets.package import main

if __name__ == "__main__":
    raise SystemExit(main())
