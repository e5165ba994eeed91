"""A picture of an exercise: its side-view poses (`model`), checked from a routine file (`check`)
and drawn in braille dots (`figure`). Below routines: a routine holds pictures.
"""
