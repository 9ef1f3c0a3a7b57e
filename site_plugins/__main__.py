import sys

from site_plugins.cli import main

sys.exit(main())
