"""Herramientas de las pruebas de navegador: servidor de JupyterLab, cuadernos resueltos y Chromium."""
