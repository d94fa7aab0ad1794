"""What leaves the app: the Markdown draft roadmap and the QR code."""
