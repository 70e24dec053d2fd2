"""Quizzes: what a quiz is (``model``), how a bank is loaded and checked (``load``), how it is drawn
for the site, print and the answer key (``render``), and the live Jupyter widget (``widget``)."""
