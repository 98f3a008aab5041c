from supercharger.cli import main

main()
