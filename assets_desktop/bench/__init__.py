"""`assets-desktop bench`: figures beside their peers, measured in the same run."""
