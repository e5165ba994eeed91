"""A picture of an exercise: its poses, props and optional second view (`model`), checked from a
routine file (`check`), the props' lines (`props`), drawn in braille dots (`figure`), and figures
sharing a row (`layout`). Below routines: a routine holds pictures.
"""
