# Notes I keep by hand.
TODO = ["do not lose me"]
