"""The content model: loading, validating and cataloguing a county's content tree.

Plain Python with no MkDocs imports, so that the logic survives a change of generator.
"""

from site_plugins.content.catalogue import Catalogue
from site_plugins.content.loader import load_catalogue
from site_plugins.content.problems import Problem, Severity

__all__ = ["Catalogue", "Problem", "Severity", "load_catalogue"]
