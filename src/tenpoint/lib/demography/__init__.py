"""Realistic demo people of the routes Tenpoint serves, with families, travel groups and arrivals.
Pure Python, seedable and deterministic. Names follow each origin's naming pattern."""

from tenpoint.lib.demography.generator import DemoArrival, DemoGroup, DemoPerson, generate_arrivals

__all__ = ["DemoArrival", "DemoGroup", "DemoPerson", "generate_arrivals"]
