import sys

from eventwire.cli.main import main

sys.exit(main())
