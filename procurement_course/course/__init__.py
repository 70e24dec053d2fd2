"""The course around the pages: completion rules and modules (``settings``), the course map the
browser's learner record reads (``coursemap``), and the HTML of the course's own pages: module
cards, the final assessment and the learner's record (``render``)."""
