"""The course's data: the Frictionless data package and its checks (``package``), the red-flag
analysis (``analysis``), exhibit tables (``exhibits``) and charts (``charts``)."""
