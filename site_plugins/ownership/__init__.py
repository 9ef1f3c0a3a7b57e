"""Who may change what: station folders belong to their clerks, the rest to the county.

Plain Python over the catalogue: ``owners`` reads who owns what, ``codeowners`` writes
the hosts' CODEOWNERS files from it, ``changes`` checks a pull request's changed paths
against it for hosts (or plans) that do not enforce CODEOWNERS.
"""
