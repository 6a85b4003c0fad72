"""The walk screen and the screens the engine's state calls up over it."""
