"""`python -m codegen`."""

from codegen.cli import main_exit

if __name__ == "__main__":
    main_exit()
