"""Case scenarios: the model, loading and checking, and the renderings (player, worksheet, answer sheet)."""
