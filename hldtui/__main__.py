import sys

from hldtui.cli import main

sys.exit(main())
