"""The learned layer: small models that take the rules' candidate events and decide what the rules decide
badly (is this a reportable event or talk about one, its modality, how sure we are).

`rasid.learn.layer.EventLayer` applies a trained model to a `DocResult`; `rasid train` builds one
(rasid.learn.train, needs scikit-learn); the model ships as JSON weights under rasid/data/models/.
See docs/learned.md.
"""
