from guancha.cli import main

main()
