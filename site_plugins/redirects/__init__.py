"""Old URLs of renamed stations keep working: small redirect pages at the former paths."""
