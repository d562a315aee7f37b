from est_cli.cli.app import main

main()
